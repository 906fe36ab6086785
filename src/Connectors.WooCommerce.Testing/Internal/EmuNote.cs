namespace Connectors.Testing.WooCommerce.Internal;

internal sealed record EmuNote(long Id, string Text, bool CustomerNote, DateTime Created, string Author);
