using Csol.Abstractions;
using Csol.Grains.Experiments;

namespace Csol.Grains.Results;

public sealed class CheckpointGrain(
    [PersistentState(StorageNames.CheckpointState, StorageNames.Platform)] IPersistentState<CheckpointState> state,
    ICheckpointRecords records) : Grain, ICheckpointGrain
{
    async Task<CheckpointInfo> ICheckpointGrain.RegisterAsync(CheckpointInfo info)
    {
        var id = this.GetPrimaryKey();
        if (info.Id != id)
            throw new ArgumentException($"Checkpoint {info.Id} registered on grain {id}.", nameof(info));
        // Tags and deletion are the platform's, not the file's: a re-registration keeps them.
        var kept = state.State.Info is { } earlier ? info with { Tags = earlier.Tags, Deleted = earlier.Deleted } : info;
        return await SaveAsync(kept);
    }

    Task<CheckpointInfo?> ICheckpointGrain.GetAsync() => Task.FromResult(state.State.Info);

    async Task<CheckpointInfo> ICheckpointGrain.TagAsync(string tag)
    {
        var info = Registered();
        var trimmed = tag.Trim();
        if (trimmed.Length == 0)
            throw new ArgumentException("A tag must not be empty.", nameof(tag));
        return info.Tags.Contains(trimmed, StringComparer.Ordinal) ? info : await SaveAsync(info with { Tags = [.. info.Tags, trimmed] });
    }

    async Task<CheckpointInfo> ICheckpointGrain.MarkDeletedAsync()
    {
        var info = Registered();
        return info.Deleted ? info : await SaveAsync(info with { Deleted = true });
    }

    private CheckpointInfo Registered() =>
        state.State.Info ?? throw new KeyNotFoundException($"No checkpoint {this.GetPrimaryKey()} is registered.");

    private async Task<CheckpointInfo> SaveAsync(CheckpointInfo info)
    {
        state.State = state.State with { Info = info };
        await state.WriteStateAsync();
        await records.UpsertAsync(info);
        return info;
    }
}
