namespace Aithena.Semantic.Passages;

/// <summary>What embedding one document did.</summary>
public enum EmbedOutcome
{
    /// <summary>Passages cut, embedded and written.</summary>
    Embedded,

    /// <summary>Its current text already has its passages (a redelivered or repeated command).</summary>
    AlreadyDone,

    /// <summary>Not indexed (removed, failed, or not yet): nothing to embed.</summary>
    NotIndexed,

    /// <summary>Indexed again while this ran: nothing written; the command sent after that indexing embeds the new text.</summary>
    Superseded,
}
