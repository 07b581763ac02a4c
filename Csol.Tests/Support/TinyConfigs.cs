namespace Csol.Tests.Support;

/// <summary>Experiment configs small enough to train in seconds on two CPU cores.</summary>
/// <remarks>Localization phase only (<c>useClassTask</c> false): these test the platform (one <c>loss</c> point per step,
/// cancel, restart), and clustering each epoch would only make them slower.</remarks>
public static class TinyConfigs
{
    public static string Train(int epochs, string device = "cpu", int seed = 7) => $$"""
        {
          "name": "tiny",
          "kind": "stage-one",
          "seed": {{seed}},
          "device": "{{device}}",
          "data": { "classes": 3, "trainClips": 48, "valClips": 12, "imageSize": 32, "audioFrames": 48, "melBands": 32 },
          "model": { "baseWidth": 4, "projectionDim": 16 },
          "training": { "epochs": {{epochs}}, "batchSize": 8, "learningRate": 0.001, "useClassTask": false }
        }
        """;

    /// <summary>The platform's probe kind: a few steps that only report, for queue and retry tests.</summary>
    /// <param name="failure">How a failing attempt fails: <c>exception</c>, <c>abort</c> (its process) or <c>allocate</c> (memory).</param>
    public static string Probe(int steps = 3, int stepMilliseconds = 0, int failFirstAttempts = 0, int priority = 0, string name = "probe",
        string failure = "exception") => $$"""
        {
          "name": "{{name}}",
          "kind": "probe",
          "priority": {{priority}},
          "probe": { "steps": {{steps}}, "stepMilliseconds": {{stepMilliseconds}}, "failFirstAttempts": {{failFirstAttempts}},
            "failure": "{{failure}}" }
        }
        """;
}
