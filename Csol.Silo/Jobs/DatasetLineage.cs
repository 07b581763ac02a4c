using Csol.Abstractions;
using Csol.Learning.Experiments;
using Csol.Silo.Datasets;

namespace Csol.Silo.Jobs;

/// <summary>The host's half of the <c>preprocess</c> step, after the data checked out: registers the dataset (hashing a
/// music folder unless this process hashed it unchanged before), records the experiment among its users and sets the
/// experiment's lineage. Runs in the job, not in a grain call, so hashing a large folder meets no call timeout.</summary>
public sealed class DatasetLineage(IGrainFactory grains, DatasetService datasets, ILogger<DatasetLineage> logger)
{
    /// <summary>The dataset id recorded, or null when the data has none (a music folder outside the data roots).</summary>
    public async Task<string?> RecordAsync(ExperimentConfig config, Guid experimentId)
    {
        DatasetInfo? dataset;
        try
        {
            dataset = await datasets.RecordUseAsync(config, experimentId);
        }
        catch (ArgumentException e)
        {
            // RegisterAsync's "not a dataset: ..." already names the folder and what is wrong with it.
            throw new InvalidDataException(e.Message, e);
        }
        if (dataset is null)
        {
            logger.LogWarning("Experiment {Id}: its data folder is outside the data roots; no dataset lineage", experimentId);
            return null;
        }
        await grains.GetGrain<IExperimentGrain>(experimentId).SetLineageAsync(dataset.Id);
        return dataset.Id;
    }
}
