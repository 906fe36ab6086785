global using Connectors;
global using Connectors.Testing;
