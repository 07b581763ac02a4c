// Tests run one at a time unless they opt in: every class without a [Collection] joins the one assembly collection.
// Host, cluster, browser, training and bUnit tests stay there: each uses both cores or process-wide state (torch's
// global seed, ports, child processes, the renderer's dispatcher). Pure unit tests (parsers, audio maths, metrics)
// opt in with a collection of their own, [Collection(nameof(TheirClass))], and run beside it and each other.
[assembly: Xunit.CollectionBehavior(Xunit.CollectionBehavior.CollectionPerAssembly, MaxParallelThreads = 2)]
