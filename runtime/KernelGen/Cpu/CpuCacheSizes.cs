using System;
using System.Globalization;
using System.IO;

namespace KernelGen;

/// <summary>
/// The per-core L2 cache that the CPU blocks are cut for, where the operating system tells it (Linux's
/// sysfs); elsewhere the scheduler's defaults apply. Block sizes change speed only, never a bit.
/// </summary>
internal static class CpuCacheSizes
{
    private const string LinuxCacheDirectory = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>The L2 size of processor 0 in bytes, or <see langword="null"/> when it is not known.</summary>
    public static long? L2Bytes { get; } = ReadLinuxL2Bytes();

    /// <summary>
    /// Parses a sysfs cache size (<c>"2048K"</c>, <c>"1M"</c>, <c>"524288"</c>); <see langword="null"/>
    /// for anything else.
    /// </summary>
    internal static long? ParseSize(string? text)
    {
        string value = (text ?? string.Empty).Trim();
        long unit = 1;
        if (value.EndsWith('K'))
        {
            unit = 1024;
        }
        else if (value.EndsWith('M'))
        {
            unit = 1024 * 1024;
        }

        string digits = unit == 1 ? value : value[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number > 0 && number <= long.MaxValue / unit
            ? number * unit
            : null;
    }

    private static long? ReadLinuxL2Bytes()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(LinuxCacheDirectory))
        {
            return null;
        }

        try
        {
            foreach (string index in Directory.EnumerateDirectories(LinuxCacheDirectory, "index*"))
            {
                if (File.ReadAllText(Path.Combine(index, "level")).Trim() == "2"
                    && File.ReadAllText(Path.Combine(index, "type")).Trim() != "Instruction")
                {
                    return ParseSize(File.ReadAllText(Path.Combine(index, "size")));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A container may hide sysfs: the defaults are good enough.
        }

        return null;
    }
}
