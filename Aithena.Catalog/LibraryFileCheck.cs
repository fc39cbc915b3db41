using System.Globalization;
using System.Runtime.InteropServices;

namespace Aithena.Catalog;

/// <summary>
/// The one check on a library file before anything opens it (the Indexer to read it, the Api to serve it): only a
/// regular file, and no larger than <see cref="LibraryOptions.MaxFileBytes"/>. Opening a named pipe blocks until a
/// writer comes, which never happens, and no cancellation reaches a thread stuck in <c>open</c>: one <c>mkfifo</c>
/// in the library stopped all indexing. .NET reports pipes, sockets and devices as ordinary files (attributes
/// <c>Normal</c>, length 0), so the type comes from Linux's <c>statx</c>, whose layout is the same on every
/// architecture.
/// </summary>
public static partial class LibraryFileCheck
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;

    /// <summary>Why the file must not be opened, or null when it is a regular file within the size limit.</summary>
    /// <param name="path">The file's real path (links already resolved, as <see cref="LibraryOptions.ResolveExisting"/> gives it).</param>
    public static string? Problem(string path, long maxBytes)
    {
        if (KindOf(path) is { } kind)
        {
            return $"The file is not a regular file (it is {kind}); Aithena reads only regular files.";
        }

        var size = new FileInfo(path).Length;
        return size > maxBytes ? TooLarge(size, maxBytes) : null;
    }

    /// <summary>The reason for a file over the limit, also given when the file grew past it after the check.</summary>
    public static string TooLarge(long size, long maxBytes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The file is {size:N0} bytes, more than the limit of {maxBytes:N0} bytes for a library file (Library:MaxFileBytes); it was not read.");

    /// <summary>What a non-regular file is, or null for a regular one (or one that is gone: opening it will say so).</summary>
    private static string? KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x8000 => null,
            0x1000 => "a named pipe",
            0xC000 => "a socket",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x4000 => "a folder",
            0xA000 => "a symbolic link",
            _ => "of an unknown kind",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
