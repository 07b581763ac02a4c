namespace Csol.Learning.Experiments.Sweeps;

/// <summary>A sweep expanded into experiments, every one validated.</summary>
/// <param name="Name">The sweep's name: the config's <c>name</c> (or file name); also every experiment's <c>group</c>.</param>
/// <param name="Mode"><c>grid</c> or <c>random</c>.</param>
/// <param name="Combinations">Size of the full grid (random mode draws <see cref="Experiments"/> from it).</param>
public sealed record SweepPlan(string Name, string Mode, int Combinations, IReadOnlyList<SweepExperiment> Experiments);

/// <summary>One experiment of a sweep: <c>&lt;sweep&gt;-&lt;n&gt;</c> (1-based) and the values it was given.</summary>
/// <param name="ConfigJson">A complete experiment config (without <c>sweep</c>), valid for <see cref="ExperimentConfigLoader.Parse"/>.</param>
/// <param name="Values">Swept field path → the value as JSON text, in the order the sweep lists them.</param>
public sealed record SweepExperiment(string Name, string ConfigJson, IReadOnlyList<KeyValuePair<string, string>> Values);
