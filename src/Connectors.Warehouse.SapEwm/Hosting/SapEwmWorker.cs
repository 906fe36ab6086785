using Connectors.Warehouse.SapEwm.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Hosting;

/// <summary>
/// Runs the adapter's polls on the host, so shipments, return receipts and stock changes reach the engine without host
/// code: every <see cref="SapEwmOptions.PollInterval"/> the shipment poll of each warehouse and the returns inspection
/// poll, every <see cref="SapEwmOptions.StockDeltaInterval"/> the stock comparison. Each poll (and each warehouse) runs
/// on its own: one failing is logged and tried again on the next pass, the others go on. Stops when the host stops.
/// </summary>
internal sealed class SapEwmWorker : BackgroundService
{
    private readonly SapEwmShipmentPoller _shipments;
    private readonly SapEwmReturnsPoller _returns;
    private readonly SapEwmStockMonitor _stock;
    private readonly IOptionsMonitor<SapEwmOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset _nextStock = DateTimeOffset.MinValue;

    public SapEwmWorker(SapEwmShipmentPoller shipments, SapEwmReturnsPoller returns, SapEwmStockMonitor stock, IOptionsMonitor<SapEwmOptions> options, TimeProvider time, ILogger logger)
    {
        _shipments = shipments;
        _returns = returns;
        _stock = stock;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completed passes, for tests that wait on the worker without a real clock.</summary>
    internal event Action<int>? PassCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pass = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var options = _options.CurrentValue;
            try
            {
                await RunPassAsync(options, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            PassCompleted?.Invoke(++pass);
            try
            {
                await Task.Delay(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    internal async Task RunPassAsync(SapEwmOptions options, CancellationToken cancellationToken)
    {
        foreach (var warehouse in options.Warehouses)
        {
            await IsolatedAsync("shipments", warehouse, ct => _shipments.PollWarehouseAsync(warehouse, ct), cancellationToken).ConfigureAwait(false);
        }

        if (options.ReturnReceipts)
        {
            await IsolatedAsync("returns", "-", _returns.PollAsync, cancellationToken).ConfigureAwait(false);
        }

        if (options.StockDeltaInterval is { } interval && _time.GetUtcNow() >= _nextStock)
        {
            _nextStock = _time.GetUtcNow() + interval;
            foreach (var warehouse in options.Warehouses)
            {
                await IsolatedAsync("stock", warehouse, ct => _stock.PollWarehouseAsync(warehouse, ct), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task IsolatedAsync(string flow, string warehouse, Func<CancellationToken, Task<int>> poll, CancellationToken cancellationToken)
    {
        try
        {
            await poll(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One poll failing must not stop the others or the worker; it is logged and retried next pass.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.PollFailed(_logger, flow, warehouse, e);
        }
    }
}
