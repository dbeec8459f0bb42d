using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace BotPbx.Api.Configuration;

/// <summary>
/// Binds an options class from the configuration section named after it (<c>AmiOptions</c> → <c>"Ami"</c>), then
/// applies the environment variables named by <see cref="EnvironmentVariableAttribute"/> on its properties.
/// Environment variables are read through <see cref="IConfiguration"/> (the host adds them unprefixed), so tests and
/// the command line can set them too.
/// </summary>
public static class OptionsBinding
{
    public static string SectionName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Name.EndsWith("Options", StringComparison.Ordinal) ? type.Name[..^"Options".Length] : type.Name;
    }

    public static IServiceCollection AddBotPbxOptions<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(SectionName(typeof(T))))
            .Configure(options => ApplyEnvironment(options, configuration));
        return services;
    }

    /// <summary>Reads the options once, for use while the host is being built.</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new T();
        configuration.GetSection(SectionName(typeof(T))).Bind(options);
        ApplyEnvironment(options, configuration);
        return options;
    }

    private static void ApplyEnvironment(object options, IConfiguration configuration)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<EnvironmentVariableAttribute>() is not { } variable || !property.CanWrite)
            {
                continue;
            }
            var raw = configuration[variable.Name];
            if (string.IsNullOrWhiteSpace(raw)) continue;
            try
            {
                var converter = TypeDescriptor.GetConverter(property.PropertyType);
                property.SetValue(options, converter.ConvertFromString(null, CultureInfo.InvariantCulture, raw.Trim()));
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
            {
                throw new InvalidOperationException(
                    $"{variable.Name} has a value that is not a valid {Nice(property.PropertyType)}.", e);
            }
        }
    }

    private static string Nice(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(int) ? "number" : type.Name.ToLowerInvariant();
}
