// Pure unit tests (no server, no torch seeding, no child process) run in parallel, one test class per thread. Host,
// cluster, browser and training tests join the SerialTests collection: each uses both cores or process-wide state
// (torch's global seed, ports, child processes), so they run one at a time after the parallel ones.
[assembly: Xunit.CollectionBehavior(Xunit.CollectionBehavior.CollectionPerClass, MaxParallelThreads = 2)]
