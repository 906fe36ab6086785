using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task PushInventory_LegacyStockItemsWithoutMsi_AvailableToSellWrittenAsItIsAndReadBack()
    {
        // Without MSI the stock item is decremented at checkout: the order of 2 already left it, and the WMS's 7 excludes it.
        _emulator.MsiEnabled = false;
        _emulator.AddProduct("A");
        _emulator.AddProduct("B");
        _emulator.SetLegacyStock("A", 9);
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        Assert.Equal(7m, _emulator.GetLegacyStock("A")!.Value.Qty);
        await using var services = TestHost.ForEmulator(_emulator, o => o.InventoryApi = MagentoInventoryApi.LegacyStockItems, _time);
        var channel = services.Magento();

        var results = await channel.PushInventoryAsync(
            [new InventoryTarget("A", InventoryTarget.DefaultLocation, 5), new InventoryTarget("B", InventoryTarget.DefaultLocation, 0), new InventoryTarget("A", "WH2", 1), new InventoryTarget("NOPE", InventoryTarget.DefaultLocation, 1)], Ct);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Applied, PushOutcome.Rejected, PushOutcome.Rejected], results.Select(r => r.Outcome));
        Assert.Contains("NOPE", results[3].Reason, StringComparison.Ordinal);
        Assert.Equal((5m, true), _emulator.GetLegacyStock("A"));
        Assert.Equal((0m, false), _emulator.GetLegacyStock("B"));
        Assert.DoesNotContain(_emulator.Requests, r => r.Path.StartsWith("/V1/inventory/", StringComparison.Ordinal) || r.Path == "/V1/orders");
        var levels = await channel.ReadInventoryAsync(null, Ct).ToListAsync(Ct);
        Assert.Equal([new ChannelInventoryLevel
        {
            ChannelItemId = "A",
            LocationId = InventoryTarget.DefaultLocation,
            Available = 5,
        }, new ChannelInventoryLevel
        {
            ChannelItemId = "B",
            LocationId = InventoryTarget.DefaultLocation,
            Available = 0,
        }], levels);
    }

    [Fact]
    public async Task PushInventory_AsyncBulk_OneBulkOfBatchesAppliedWhenTheConsumersRanThemAndReservationsCompensated()
    {
        foreach (var sku in new[] { "A", "B", "C" })
        {
            _emulator.AddProduct(sku);
        }

        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, o => { o.InventoryApi = MagentoInventoryApi.AsyncBulkSourceItems; o.BatchSize = 2; }, _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("A", InventoryTarget.DefaultLocation, 4), new InventoryTarget("B", InventoryTarget.DefaultLocation, 5), new InventoryTarget("C", InventoryTarget.DefaultLocation, 6)], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(4m, _emulator.GetSalableQuantity("A"));
        Assert.Equal(6m, _emulator.GetSourceQuantity("A", "default"));
        Assert.Equal(6m, _emulator.GetSourceQuantity("C", "default"));
        var bulk = Assert.Single(_emulator.Requests, r => r.Path.StartsWith("/async/bulk/", StringComparison.Ordinal));
        Assert.Equal(2, System.Text.Json.Nodes.JsonNode.Parse(bulk.Body!)!.AsArray().Count);
        Assert.DoesNotContain(_emulator.Requests, r => r.Method == "POST" && r.Path == "/V1/inventory/source-items");
    }

    [Fact]
    public async Task PushInventory_AsyncBulkWithSlowConsumers_StatusPolledUntilTheOperationsRan()
    {
        _emulator.AddProduct("A");
        _emulator.BulkProcessingDelay = TimeSpan.FromSeconds(5);
        await using var services = TestHost.ForEmulator(_emulator, o => { o.InventoryApi = MagentoInventoryApi.AsyncBulkSourceItems; o.CompensateReservations = false; o.BulkStatusPollInterval = TimeSpan.FromSeconds(2); }, _time);

        var results = await WhileAdvancingAsync(services.Magento().PushInventoryAsync([new InventoryTarget("A", InventoryTarget.DefaultLocation, 3)], Ct), TimeSpan.FromSeconds(1), 60);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal(3m, _emulator.GetSourceQuantity("A", "default"));
        Assert.True(_emulator.Requests.Count(r => r.Path.StartsWith("/V1/bulk/", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task PushInventory_AsyncBulkWithoutConsumers_RetryNamingTheConsumersAndTheLateRunWritesTheSameValue()
    {
        _emulator.AddProduct("A");
        _emulator.BulkConsumersRunning = false;
        await using var services = TestHost.ForEmulator(_emulator, o => { o.InventoryApi = MagentoInventoryApi.AsyncBulkSourceItems; o.CompensateReservations = false; o.BulkStatusTimeout = TimeSpan.FromSeconds(10); o.BulkStatusPollInterval = TimeSpan.FromSeconds(2); }, _time);

        var results = await WhileAdvancingAsync(services.Magento().PushInventoryAsync([new InventoryTarget("A", InventoryTarget.DefaultLocation, 3)], Ct), TimeSpan.FromSeconds(1), 60);

        var result = Assert.Single(results);
        Assert.Equal(PushOutcome.Retry, result.Outcome);
        Assert.Contains("async.operations.all consumers", result.Reason, StringComparison.Ordinal);
        Assert.Null(_emulator.GetSourceQuantity("A", "default"));
        Assert.Equal(1, _emulator.OpenBulkOperations);
        _emulator.ProcessBulkQueue();
        Assert.Equal(3m, _emulator.GetSourceQuantity("A", "default"));
    }

    [Fact]
    public async Task PushInventory_AsyncBulkOperationFailed_ResentSynchronouslySoOnlyTheBadItemIsRejected()
    {
        _emulator.AddProduct("A");
        _emulator.AddProduct("B");
        await using var services = TestHost.ForEmulator(_emulator, o => { o.InventoryApi = MagentoInventoryApi.AsyncBulkSourceItems; o.CompensateReservations = false; o.BatchSize = 5; }, _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("A", InventoryTarget.DefaultLocation, 1), new InventoryTarget("GONE", InventoryTarget.DefaultLocation, 2), new InventoryTarget("B", InventoryTarget.DefaultLocation, 3)], Ct);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Rejected, PushOutcome.Applied], results.Select(r => r.Outcome));
        Assert.Contains("The product with SKU \"GONE\" does not exist.", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal(3m, _emulator.GetSourceQuantity("B", "default"));
    }

    /// <summary>Moves the fake clock in steps while <paramref name="task"/> runs, which may wait on it.</summary>
    private async Task WhileAdvancingAsync(Task task, TimeSpan step, int maxSteps) =>
        await WhileAdvancingAsync(task.ContinueWith(t => t.IsCompletedSuccessfully ? 0 : throw t.Exception?.InnerException ?? new OperationCanceledException(), TaskScheduler.Default), step, maxSteps);

    /// <summary>Moves the fake clock in steps while <paramref name="task"/> waits on it (the bulk status polling).</summary>
    private async Task<T> WhileAdvancingAsync<T>(Task<T> task, TimeSpan step, int maxSteps)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(20, Ct);
            _time.Advance(step);
        }

        Assert.True(task.IsCompleted, $"the push was still waiting after {maxSteps} fake-clock steps of {step}");
        return await task;
    }
}
