using PrivacyDesk.Hosting.Cli;

// One executable: `serve` (the default), `demo`, and the provisioning verbs; see Hosting/Cli.
return await CommandLine.RunAsync(args);

/// <summary>The entry point; public so that tests can use WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
