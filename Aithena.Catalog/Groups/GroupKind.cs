namespace Aithena.Catalog;

/// <summary>What a group of documents is: a collection (with a page and a description) or a tag. Stored in lower case.</summary>
public enum GroupKind
{
    Collection,
    Tag,
}
