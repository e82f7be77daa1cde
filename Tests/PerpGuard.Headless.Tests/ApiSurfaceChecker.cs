using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace PerpGuard.Headless.Tests
{
    /// <summary>
    /// Compares the public/protected surface of types in cAlgo.* namespaces with the facts in ../shared/ctrader-api:
    /// every type and member must be flagged B in signatures.txt (by documentation id), and be spelled as in
    /// legacy-surface.txt (kind, member types, parameter names, defaults, accessors, enum values).
    /// </summary>
    public sealed class ApiSurfaceChecker
    {
        private static readonly Dictionary<Type, string> Keywords = new Dictionary<Type, string>
        {
            [typeof(int)] = "int", [typeof(double)] = "double", [typeof(string)] = "string", [typeof(bool)] = "bool",
            [typeof(long)] = "long", [typeof(object)] = "object", [typeof(float)] = "float", [typeof(byte)] = "byte",
            [typeof(decimal)] = "decimal", [typeof(short)] = "short", [typeof(void)] = "void", [typeof(char)] = "char",
            [typeof(uint)] = "uint", [typeof(ulong)] = "ulong",
        };

        private readonly Dictionary<string, char> _flags;
        private readonly Dictionary<string, LegacyType> _legacy;

        public ApiSurfaceChecker(string signaturesPath, string legacySurfacePath)
        {
            _flags = File.ReadLines(signaturesPath)
                .Where(l => l.Length > 2 && l[1] == ' ' && "BNL".IndexOf(l[0]) >= 0)
                .Select(l => (Flag: l[0], Id: l.Substring(2).Split('\t')[0]))
                .GroupBy(x => x.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Flag, StringComparer.Ordinal);
            _legacy = LegacyType.Parse(File.ReadAllLines(legacySurfacePath));
        }

        public int CheckedMembers { get; private set; }

        /// <summary>Checks each type as if it were declared under the given full name.</summary>
        public IReadOnlyList<string> Check(IEnumerable<(Type Type, string ApiName)> types)
        {
            var problems = new List<string>();
            foreach (var (type, apiName) in types)
            {
                CheckType(type, apiName, problems);
            }

            return problems;
        }

        public IReadOnlyList<string> CheckAssembly(Assembly assembly) =>
            Check(assembly.GetExportedTypes()
                .Where(t => t.Namespace != null && (t.Namespace == "cAlgo" || t.Namespace.StartsWith("cAlgo.", StringComparison.Ordinal)))
                .Select(t => (t, DocName(t))));

        private void CheckType(Type type, string apiName, List<string> problems)
        {
            var typeId = "T:" + apiName;
            if (!IsB(typeId))
            {
                problems.Add(typeId + " is not flagged B in signatures.txt");
                return;
            }

            var legacyName = Regex.Replace(apiName, "`\\d+$", string.Empty);
            if (!_legacy.TryGetValue(legacyName, out var legacy))
            {
                problems.Add(typeId + " is missing from legacy-surface.txt");
                return;
            }

            var kind = KindOf(type);
            if (kind != legacy.Kind)
            {
                problems.Add($"{typeId}: kind '{kind}' differs from legacy-surface.txt '{legacy.Kind}'");
            }

            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    CheckedMembers++;
                    var id = "F:" + apiName + "." + field.Name;
                    var value = Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                    Expect(id, field.Name + " = " + value, legacy, problems);
                }

                return;
            }

            foreach (var member in type.GetMembers(All))
            {
                if (!IsVisible(member))
                {
                    continue;
                }

                CheckedMembers++;
                switch (member)
                {
                    case MethodInfo m:
                        var gen = m.IsGenericMethodDefinition ? "``" + m.GetGenericArguments().Length.ToString(CultureInfo.InvariantCulture) : string.Empty;
                        var mid = "M:" + apiName + "." + m.Name + gen + ParamIds(m.GetParameters());
                        var genNames = m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
                        Expect(mid, Render(m.ReturnType) + " " + m.Name + genNames + "(" + Params(m.GetParameters()) + ")", legacy, problems);
                        break;
                    case ConstructorInfo c:
                        Expect("M:" + apiName + ".#ctor" + ParamIds(c.GetParameters()), LegacyType.ShortName(legacyName) + "(" + Params(c.GetParameters()) + ")", legacy, problems);
                        break;
                    case PropertyInfo p:
                        var idx = p.GetIndexParameters();
                        var pid = "P:" + apiName + "." + (idx.Length > 0 ? "Item" + ParamIds(idx) : p.Name);
                        var setter = p.SetMethod != null && (p.SetMethod.IsPublic || p.SetMethod.IsFamily || p.SetMethod.IsFamilyOrAssembly);
                        var pname = idx.Length > 0 ? "this[" + string.Join(", ", idx.Select(i => Render(i.ParameterType))) + "]" : p.Name;
                        Expect(pid, Render(p.PropertyType) + " " + pname + (setter ? " { get; set; }" : " { get; }"), legacy, problems);
                        break;
                    case EventInfo e:
                        Expect("E:" + apiName + "." + e.Name, Render(e.EventHandlerType!) + " " + e.Name, legacy, problems);
                        break;
                    case FieldInfo f:
                        Expect("F:" + apiName + "." + f.Name, Render(f.FieldType) + " " + f.Name, legacy, problems);
                        break;
                    case Type nested:
                        problems.Add("nested type " + nested.FullName + " in " + apiName + " is not allowed");
                        break;
                    default:
                        problems.Add("unexpected member " + member + " in " + apiName);
                        break;
                }
            }
        }

        private void Expect(string docId, string rendered, LegacyType legacy, List<string> problems)
        {
            if (!IsB(docId))
            {
                problems.Add(docId + " is not flagged B in signatures.txt");
                return;
            }

            if (!legacy.Members.Contains(rendered))
            {
                problems.Add($"{docId}: '{rendered}' is not spelled like any member of {legacy.Name} in legacy-surface.txt");
            }
        }

        private bool IsB(string docId) => _flags.TryGetValue(docId, out var f) && f == 'B';

        private static bool IsVisible(MemberInfo member)
        {
            switch (member)
            {
                case MethodBase m:
                    return !m.IsSpecialName && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly)
                        || (m is ConstructorInfo && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly))
                        || (m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) && m.IsPublic);
                case PropertyInfo p:
                    return (p.GetMethod ?? p.SetMethod) is { } a && (a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly);
                case EventInfo e:
                    return e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly);
                case FieldInfo f:
                    return (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName;
                case Type t:
                    return t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem;
                default:
                    return true;
            }
        }

        private static string KindOf(Type t)
        {
            if (t.IsEnum)
            {
                return "enum";
            }

            if (t.IsInterface)
            {
                return "interface";
            }

            if (t.IsValueType)
            {
                return "struct";
            }

            if (t.IsAbstract && t.IsSealed)
            {
                return "static class";
            }

            if (t.IsAbstract)
            {
                return "abstract class";
            }

            return t.IsSealed ? "sealed class" : "class";
        }

        private static string DocName(Type t) => (t.Namespace + "." + t.Name);

        private static string ParamIds(ParameterInfo[] ps) =>
            ps.Length == 0 ? string.Empty : "(" + string.Join(",", ps.Select(p => DocId(p.ParameterType))) + ")";

        private static string DocId(Type t)
        {
            if (t.IsByRef)
            {
                return DocId(t.GetElementType()!) + "@";
            }

            if (t.IsArray)
            {
                return DocId(t.GetElementType()!) + "[]";
            }

            if (t.IsGenericMethodParameter)
            {
                return "``" + t.GenericParameterPosition.ToString(CultureInfo.InvariantCulture);
            }

            if (t.IsGenericTypeParameter)
            {
                return "`" + t.GenericParameterPosition.ToString(CultureInfo.InvariantCulture);
            }

            if (t.IsGenericType)
            {
                var def = t.GetGenericTypeDefinition();
                var name = def.Namespace + "." + Regex.Replace(def.Name, "`\\d+$", string.Empty);
                return name + "{" + string.Join(",", t.GetGenericArguments().Select(DocId)) + "}";
            }

            return t.Namespace + "." + t.Name;
        }

        private static string Params(ParameterInfo[] ps)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < ps.Length; i++)
            {
                var p = ps[i];
                if (i > 0)
                {
                    sb.Append(", ");
                }

                if (p.GetCustomAttribute<ParamArrayAttribute>() != null)
                {
                    sb.Append("params ");
                }

                if (p.ParameterType.IsByRef)
                {
                    sb.Append(p.IsOut ? "out " : "ref ").Append(Render(p.ParameterType.GetElementType()!));
                }
                else
                {
                    sb.Append(Render(p.ParameterType));
                }

                sb.Append(' ').Append(p.Name);
                if (p.HasDefaultValue)
                {
                    sb.Append(" = ").Append(RenderDefault(p.RawDefaultValue));
                }
            }

            return sb.ToString();
        }

        private static string RenderDefault(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };

        /// <summary>Type names as legacy-surface.txt writes them: cAlgo.API types short, others qualified.</summary>
        public static string Render(Type t)
        {
            if (Keywords.TryGetValue(t, out var kw))
            {
                return kw;
            }

            if (t.IsGenericMethodParameter)
            {
                return "!!" + t.GenericParameterPosition.ToString(CultureInfo.InvariantCulture);
            }

            if (t.IsGenericTypeParameter)
            {
                return t.Name;
            }

            if (t.IsArray)
            {
                return Render(t.GetElementType()!) + "[]";
            }

            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Nullable<>))
            {
                return Render(t.GetGenericArguments()[0]) + "?";
            }

            var name = t.IsGenericType ? Regex.Replace(t.GetGenericTypeDefinition().Name, "`\\d+$", string.Empty) : t.Name;
            var full = t.Namespace == "cAlgo.API" ? name : t.Namespace + "." + name;
            return t.IsGenericType ? full + "<" + string.Join(", ", t.GetGenericArguments().Select(Render)) + ">" : full;
        }

        private sealed class LegacyType
        {
            private static readonly Regex Modifiers = new Regex("^(?:(?:protected|static|virtual|abstract|override|sealed|readonly|const) )+");

            private LegacyType(string kind, string name)
            {
                Kind = kind;
                Name = name;
            }

            public string Kind { get; }
            public string Name { get; }
            public HashSet<string> Members { get; } = new HashSet<string>(StringComparer.Ordinal);

            public static string ShortName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

            public static Dictionary<string, LegacyType> Parse(string[] lines)
            {
                var types = new Dictionary<string, LegacyType>(StringComparer.Ordinal);
                LegacyType? current = null;
                foreach (var raw in lines)
                {
                    if (raw.Length == 0 || raw.StartsWith("#", StringComparison.Ordinal))
                    {
                        current = null;
                        continue;
                    }

                    var line = Regex.Replace(raw, "\\s\\s\\[.*\\]$", string.Empty);
                    if (!line.StartsWith("    ", StringComparison.Ordinal))
                    {
                        var head = line.Split(" : ")[0];
                        var words = head.Split(' ');
                        var name = Regex.Replace(words[^1], "<.*>$", string.Empty);
                        current = new LegacyType(string.Join(" ", words.Take(words.Length - 1)), name);
                        types[name] = current;
                        continue;
                    }

                    var member = line.Trim();
                    var space = member.IndexOf(' ');
                    var what = member.Substring(0, space);
                    var rest = Modifiers.Replace(member.Substring(space + 1), string.Empty);
                    if (what == "prop" || what == "method" || what == "ctor" || what == "event")
                    {
                        current!.Members.Add(rest);
                    }
                    else if (what == "field")
                    {
                        current!.Members.Add(Regex.Replace(rest, " = .*$", string.Empty));
                    }
                    else
                    {
                        current!.Members.Add(member); // enum value "Name = 0"
                    }
                }

                return types;
            }
        }
    }
}
