using Microsoft.Extensions.Options;

namespace Connectors.Storage.PostgreSql.Internal;

/// <summary>The DataAnnotations rules of <see cref="PostgreSqlStoreOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlStoreOptionsDataAnnotationsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
}
