using Connectors.Mapping.Internal;
using Connectors.Mapping.Internal.Data;

namespace Connectors.Mapping.Tests.Internal;

public class CountryTableTests
{
    [Fact]
    public void TryGetCode_EveryNameAndVariantInTheTable_ResolvesToItsOwnCode()
    {
        var wrong = new List<string>();
        foreach (var row in CountryData.Rows)
        {
            var parts = row.Split('|');
            foreach (var name in parts.Skip(1).Append(parts[0].ToLowerInvariant()))
            {
                if (!CountryTable.TryGetCode(name, out var code) || code != parts[0])
                {
                    wrong.Add($"{name} -> {code} (expected {parts[0]})");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Rows_CoverEveryOfficiallyAssignedCode()
    {
        var codes = CountryData.Rows.Select(r => r[..2]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(250, codes.Count);
        Assert.Equal(CountryData.Rows.Length, codes.Count);
        Assert.All(new[] { "US", "GB", "DE", "AX", "BQ", "SS", "XK", "AQ", "UM" }, c => Assert.Contains(c, codes));
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData("ZZ")]
    public void TryGetCode_Unknown_IsFalse(string name)
    {
        Assert.False(CountryTable.TryGetCode(name, out _));
    }
}
