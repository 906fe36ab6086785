using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary>A page of a <c>getList</c> answer: <c>items</c> and <c>total_count</c> (the count of every match, not of the page).</summary>
internal sealed class SearchResult<T>
{
    [JsonPropertyName("items")]
    public List<T>? Items { get; set; }

    [JsonPropertyName("total_count")]
    public int TotalCount { get; set; }
}
