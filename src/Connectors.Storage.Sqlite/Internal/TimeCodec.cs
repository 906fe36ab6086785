namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Times are stored as UTC ticks in INTEGER columns: exact to the tick, ordered, and wide enough for
/// <see cref="DateTimeOffset.MinValue"/> and <see cref="DateTimeOffset.MaxValue"/> (which parks inventory rows).
/// Values come back in UTC; the offset the caller used is not kept.
/// </summary>
internal static class TimeCodec
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
