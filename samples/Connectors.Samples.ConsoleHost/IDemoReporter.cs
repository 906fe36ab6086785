namespace Connectors.Samples.ConsoleHost;

/// <summary>Where the scenario reports its progress (the console's live progress bars, or nothing in tests).</summary>
internal interface IDemoReporter
{
    /// <summary>Starts a phase of <paramref name="total"/> steps.</summary>
    IDemoPhase Start(string name, double total);

    /// <summary>A line of text under the progress.</summary>
    void Note(string text);
}

/// <summary>One phase in progress.</summary>
internal interface IDemoPhase
{
    /// <summary>Advances by <paramref name="steps"/>.</summary>
    void Advance(double steps = 1);

    /// <summary>Marks the phase done, with a short result.</summary>
    void Done(string? result = null);
}

/// <summary>Reports nothing.</summary>
internal sealed class SilentReporter : IDemoReporter, IDemoPhase
{
    /// <summary>The instance.</summary>
    public static readonly SilentReporter Instance = new();

    /// <inheritdoc />
    public IDemoPhase Start(string name, double total) => this;

    /// <inheritdoc />
    public void Note(string text)
    {
    }

    /// <inheritdoc />
    public void Advance(double steps = 1)
    {
    }

    /// <inheritdoc />
    public void Done(string? result = null)
    {
    }
}
