namespace Aithena.Catalog;

public enum SearchSort
{
    Relevance,
    Title,
    Author,
    Year,
}
