namespace Aithena.Ocr.Consumers;

/// <summary>A command no retry can help: it goes to its error queue at once, with this reason.</summary>
public sealed class PermanentOcrException(string message) : Exception(message);
