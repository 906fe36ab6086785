using System.Globalization;
using System.Text;

namespace Connectors.Magento.Internal;

/// <summary>
/// Builds Magento's <c>searchCriteria</c> query string: filter groups (AND between groups, OR inside one), sort
/// orders, page size and current page, each bracketed key percent-encoded.
/// </summary>
internal sealed class SearchCriteria
{
    private readonly List<List<(string Field, string Value, string Condition)>> _groups = [];
    private readonly List<(string Field, bool Ascending)> _sorts = [];

    public int PageSize { get; set; } = 100;

    public int CurrentPage { get; set; } = 1;

    /// <summary>Adds a group of one filter (ANDed with the other groups).</summary>
    public SearchCriteria Where(string field, string condition, string value) => WhereAny((field, condition, value));

    /// <summary>Adds a group whose filters are ORed.</summary>
    public SearchCriteria WhereAny(params (string Field, string Condition, string Value)[] filters)
    {
        _groups.Add(filters.Select(f => (f.Field, f.Value, f.Condition)).ToList());
        return this;
    }

    public SearchCriteria OrderBy(string field, bool ascending = true)
    {
        _sorts.Add((field, ascending));
        return this;
    }

    public string ToQueryString()
    {
        var sb = new StringBuilder();
        for (var g = 0; g < _groups.Count; g++)
        {
            for (var f = 0; f < _groups[g].Count; f++)
            {
                var (field, value, condition) = _groups[g][f];
                var prefix = string.Create(CultureInfo.InvariantCulture, $"searchCriteria[filterGroups][{g}][filters][{f}]");
                Append(sb, prefix + "[field]", field);
                Append(sb, prefix + "[value]", value);
                Append(sb, prefix + "[conditionType]", condition);
            }
        }

        for (var s = 0; s < _sorts.Count; s++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"searchCriteria[sortOrders][{s}]");
            Append(sb, prefix + "[field]", _sorts[s].Field);
            Append(sb, prefix + "[direction]", _sorts[s].Ascending ? "ASC" : "DESC");
        }

        Append(sb, "searchCriteria[pageSize]", PageSize.ToString(CultureInfo.InvariantCulture));
        Append(sb, "searchCriteria[currentPage]", CurrentPage.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Magento's date format of <c>created_at</c>/<c>updated_at</c>: UTC, <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder sb, string key, string value)
    {
        if (sb.Length > 0)
        {
            sb.Append('&');
        }

        sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
    }
}
