namespace Aithena.Ocr.Recognition;

/// <summary>How a tool ended: its exit code, what it printed (standard output whole, standard error's end).</summary>
public sealed record ToolResult(int ExitCode, string Output, string Errors);
