using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.Runtime;

/// <summary>
/// A heap dump of the app, taken with the runtime's own <c>createdump</c> and read with ClrMD: the live objects on the
/// managed heap, counted and sized per type. Two dumps (at 50 and 100 tabs) give what each extra circuit costs, type by
/// type: the figure that <c>dotnet-gcdump</c> would give, which the package registry here does not serve.
/// </summary>
internal static class HeapDump
{
    public static async Task<Dictionary<string, (long Count, long Bytes)>> TakeAsync(int processId, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"heap-{processId}-{DateTime.UtcNow:HHmmss}.dmp");
        var createdump = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "createdump");
        using (var process = Process.Start(new ProcessStartInfo(createdump, ["--withheap", "-f", path, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"createdump failed: {await process.StandardError.ReadToEndAsync()}");
            }
        }

        try
        {
            using var target = DataTarget.LoadDump(path);
            // The DAC of the runtime the app runs on (the same shared runtime as this process).
            var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so");
            using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
            var live = Reachable(runtime.Heap);
            var types = new Dictionary<string, (long Count, long Bytes)>();
            foreach (var obj in runtime.Heap.EnumerateObjects())
            {
                if (!obj.IsValid || obj.IsFree || !live.Contains(obj.Address))
                {
                    continue;
                }

                var name = obj.Type?.Name ?? "(unknown)";
                var (count, bytes) = types.GetValueOrDefault(name);
                types[name] = (count + 1, bytes + (long)obj.Size);
            }

            return types;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The objects reachable from the roots (what a full GC would keep), by a walk of the object graph.</summary>
    private static HashSet<ulong> Reachable(ClrHeap heap)
    {
        var seen = new HashSet<ulong>();
        var stack = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && seen.Add(root.Object.Address))
            {
                stack.Push(root.Object.Address);
            }
        }

        while (stack.Count > 0)
        {
            var obj = heap.GetObject(stack.Pop());
            if (!obj.IsValid)
            {
                continue;
            }

            foreach (var reference in obj.EnumerateReferences(carefully: true))
            {
                if (reference.Address != 0 && seen.Add(reference.Address))
                {
                    stack.Push(reference.Address);
                }
            }
        }

        return seen;
    }

    /// <summary>What each extra circuit adds, per type: (later - earlier) / circuits, largest first.</summary>
    public static List<(string Type, double Count, double Bytes)> PerCircuit(
        Dictionary<string, (long Count, long Bytes)> earlier, Dictionary<string, (long Count, long Bytes)> later, int circuits) =>
        later.Keys.Union(earlier.Keys)
            .Select(type =>
            {
                var a = earlier.GetValueOrDefault(type);
                var b = later.GetValueOrDefault(type);
                return (Type: type, Count: (b.Count - a.Count) / (double)circuits, Bytes: (b.Bytes - a.Bytes) / (double)circuits);
            })
            .OrderByDescending(t => t.Bytes)
            .ToList();

    /// <summary>A coarse owner for a type: the framework or library it belongs to.</summary>
    public static string Area(string type)
    {
        var generic = type.IndexOf('<');
        var head = generic < 0 ? type : type[..generic];
        var inner = generic < 0 ? "" : type[generic..];
        string[] areas =
        [
            "MudBlazor", "AgentHub", "Microsoft.AspNetCore.Components.RenderTree", "Microsoft.AspNetCore.Components.Rendering",
            "Microsoft.AspNetCore.Components.Server", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.SignalR",
            "Microsoft.AspNetCore.Http.Connections", "System.IO.Pipelines", "Microsoft.JSInterop", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.AspNetCore.Server.Kestrel",
        ];
        foreach (var area in areas)
        {
            if (head.StartsWith(area, StringComparison.Ordinal) || inner.Contains(area, StringComparison.Ordinal))
            {
                return area;
            }
        }

        return head.EndsWith("[]", StringComparison.Ordinal) ? "arrays (" + head + ")" : head.StartsWith("System.", StringComparison.Ordinal) ? "System (other)" : "other";
    }
}
