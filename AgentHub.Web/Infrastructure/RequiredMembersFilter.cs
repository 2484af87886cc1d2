using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Identity's API request types declare their fields <c>required</c>, but System.Text.Json lets a body set one to
/// null (<c>{"email": null}</c>), and Identity's handlers then throw <see cref="ArgumentNullException"/>: a 500. This
/// filter checks every argument's required members before the handler runs and answers 400 with a field message for
/// each missing one (401, the same as any refused sign-in, on login and refresh, so they say nothing more).
/// </summary>
public static class RequiredMembersFilter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> RequiredMembers = new();

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType() is not { IsClass: true } type || type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true)
            {
                continue;
            }

            foreach (var property in RequiredMembers.GetOrAdd(type, Required))
            {
                if (property.GetValue(argument) is null)
                {
                    var name = JsonName(property.Name);
                    errors[name] = [$"The {name} field is required."];
                }
            }
        }

        if (errors.Count == 0)
        {
            return await next(context);
        }

        var path = context.HttpContext.Request.Path.Value ?? "";
        return path.EndsWith("/login", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/refresh", StringComparison.OrdinalIgnoreCase)
            ? Problems.Result(Problems.SignInFailed())
            : TypedResults.ValidationProblem(errors);
    }

    private static PropertyInfo[] Required(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null && !p.PropertyType.IsValueType)
            .ToArray();

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
