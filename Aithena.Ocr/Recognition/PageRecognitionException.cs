namespace Aithena.Ocr.Recognition;

/// <summary>A page OCR cannot read, whatever the retries: over a budget, a tool that failed on it. Fails that page, with this reason.</summary>
public sealed class PageRecognitionException(string message) : Exception(message);
