// Host and training tests each use both cores; running them side by side only makes every test slower and flakier.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
