using System.Runtime.InteropServices;
using SQLitePCL;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Direct entry points into the native SQLite library that SQLitePCLRaw loaded, for the per-row calls of the
/// inventory hot path: a call through a function pointer skips SQLitePCLRaw's provider dispatch and SafeHandle
/// marshalling (measured at about 0.12 µs per row of seven calls).
/// </summary>
/// <remarks>
/// Handles from one SQLite library must only ever be passed to that same library. <see cref="TryCreate"/> therefore
/// loads the library by the name SQLitePCLRaw reports and checks that it is the very instance SQLitePCLRaw uses: both
/// must return the same address for <c>sqlite3_libversion()</c> (a static string inside the library). If anything
/// differs or fails, it returns <see langword="null"/> and the caller keeps using SQLitePCLRaw.
/// </remarks>
internal sealed unsafe class SqliteNative
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies bound text before the bind call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    /// <summary>SQLITE_STATIC: SQLite reads bound text from the caller's memory until it is rebound or the statement finalized.</summary>
    public static readonly IntPtr Static = IntPtr.Zero;

    private SqliteNative(IntPtr library)
    {
        BindInt64 = (delegate* unmanaged[Cdecl]<IntPtr, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64");
        BindText = (delegate* unmanaged[Cdecl]<IntPtr, int, byte*, int, IntPtr, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text");
        BindNull = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_null");
        Step = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(library, "sqlite3_step");
        Reset = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(library, "sqlite3_reset");
        Changes = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(library, "sqlite3_changes");
    }

    public delegate* unmanaged[Cdecl]<IntPtr, int, long, int> BindInt64 { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int, byte*, int, IntPtr, int> BindText { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int, int> BindNull { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int> Step { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int> Reset { get; }

    public delegate* unmanaged[Cdecl]<IntPtr, int> Changes { get; }

    /// <summary>
    /// The entry points, or <see langword="null"/> when the library SQLitePCLRaw uses cannot be proven to be the one
    /// loaded here. Call it once SQLitePCLRaw is initialised (after a connection opened).
    /// </summary>
    public static SqliteNative? TryCreate()
    {
        try
        {
            var name = raw.GetNativeLibraryName();
            if (string.IsNullOrEmpty(name)
                || !NativeLibrary.TryLoad(name, typeof(SqliteNative).Assembly, null, out var library)
                || !NativeLibrary.TryGetExport(library, "sqlite3_libversion", out var libversion))
            {
                return null;
            }

            var ours = ((delegate* unmanaged[Cdecl]<byte*>)libversion)();
            byte* theirs;
            fixed (byte* p = raw.sqlite3_libversion())
            {
                theirs = p;
            }

            return ours != null && ours == theirs ? new SqliteNative(library) : null;
        }
        catch (Exception)
        {
            // Anything unexpected (no provider set, a provider without a native library name, a load failure) means
            // the identity cannot be proven: keep to SQLitePCLRaw.
            return null;
        }
    }
}
