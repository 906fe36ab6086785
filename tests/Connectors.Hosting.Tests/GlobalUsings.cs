global using Connectors.Testing;
