using Csol.Abstractions;
using Csol.Grains.Experiments;

namespace Csol.Grains.Datasets;

public sealed class DatasetGrain(
    [PersistentState(StorageNames.DatasetState, StorageNames.Platform)] IPersistentState<DatasetState> state,
    IDatasetRecords records) : Grain, IDatasetGrain
{
    async Task<DatasetInfo> IDatasetGrain.RegisterAsync(DatasetInfo info)
    {
        var id = this.GetPrimaryKeyString();
        if (info.Id != id)
            throw new ArgumentException($"Dataset {info.Id} registered on grain {id}.", nameof(info));
        var kept = state.State.Info is { } earlier
            ? info with { RegisteredAt = earlier.RegisteredAt, UsedBy = earlier.UsedBy, Name = info.Name.Length > 0 ? info.Name : earlier.Name }
            : info;
        return await SaveAsync(kept);
    }

    Task<DatasetInfo?> IDatasetGrain.GetAsync() => Task.FromResult(state.State.Info);

    async Task<DatasetInfo> IDatasetGrain.AddUserAsync(Guid experimentId)
    {
        var info = state.State.Info ?? throw new KeyNotFoundException($"No dataset {this.GetPrimaryKeyString()} is registered.");
        return info.UsedBy.Contains(experimentId) ? info : await SaveAsync(info with { UsedBy = [.. info.UsedBy, experimentId] });
    }

    private async Task<DatasetInfo> SaveAsync(DatasetInfo info)
    {
        state.State = state.State with { Info = info };
        await state.WriteStateAsync();
        await records.UpsertAsync(info);
        return info;
    }
}
