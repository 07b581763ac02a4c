using System.Globalization;
using System.Text;

namespace Csol.Learning.Data.Npy;

/// <summary>The header dict of a <c>.npy</c> file: <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (201, 64), }</c>.</summary>
public sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>Python tuple syntax, as numpy prints shapes: <c>(201, 64)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string FormatShape(IReadOnlyList<int> shape) => shape.Count == 1
        ? $"({shape[0]},)"
        : $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";

    public string ToDictText() =>
        $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {FormatShape(Shape)}, }}";

    /// <summary>Parses the header dict. It is a Python literal, but numpy only ever writes these three keys with
    /// string, bool and int-tuple values, so a small tokenizer suffices (no general literal evaluation).</summary>
    /// <exception cref="FormatException">The text is not such a dict; the message says where.</exception>
    public static NpyHeader Parse(string text)
    {
        var reader = new Reader(text);
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        reader.Expect('{');
        while (!reader.TryConsume('}'))
        {
            var key = reader.ReadString();
            reader.Expect(':');
            switch (key)
            {
                case "descr": descr = reader.ReadString(); break;
                case "fortran_order": fortran = reader.ReadBool(); break;
                case "shape": shape = reader.ReadIntTuple(); break;
                default: throw new FormatException($"unexpected key '{key}' in header");
            }
            if (!reader.TryConsume(','))
            {
                reader.Expect('}');
                break;
            }
        }
        return new NpyHeader(
            descr ?? throw new FormatException("header has no 'descr'"),
            fortran ?? throw new FormatException("header has no 'fortran_order'"),
            shape ?? throw new FormatException("header has no 'shape'"));
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public void Expect(char c)
        {
            if (!TryConsume(c))
                throw new FormatException($"expected '{c}' at position {_pos} of header {text.Trim()}");
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        public string ReadString()
        {
            SkipSpace();
            var quote = _pos < text.Length ? text[_pos] : '\0';
            if (quote is not ('\'' or '"'))
                throw new FormatException($"expected a quoted string at position {_pos} of header {text.Trim()}");
            var end = text.IndexOf(quote, _pos + 1);
            if (end < 0)
                throw new FormatException("unterminated string in header");
            var value = text[(_pos + 1)..end];
            _pos = end + 1;
            return value;
        }

        public bool ReadBool()
        {
            var word = ReadWord();
            return word switch
            {
                "True" => true,
                "False" => false,
                _ => throw new FormatException($"expected True or False, got '{word}'"),
            };
        }

        public int[] ReadIntTuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryConsume(')'))
            {
                var word = ReadWord().TrimEnd('L'); // Python 2 long suffix, written by old numpy
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var dim))
                    throw new FormatException($"shape dimension '{word}' is not a non-negative integer");
                dims.Add(dim);
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }
            return [.. dims];
        }

        private string ReadWord()
        {
            SkipSpace();
            var start = _pos;
            while (_pos < text.Length && char.IsAsciiLetterOrDigit(text[_pos]))
                _pos++;
            return text[start.._pos];
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }
    }

    internal byte[] Encode(out byte major)
    {
        // Total header (magic, version, length field, dict, padding, '\n') is a multiple of 64, as numpy writes it,
        // so the data starts aligned; version 2.0 only when the dict outgrows v1's 16-bit length.
        var dict = ToDictText();
        major = dict.Length + 1 + 10 <= ushort.MaxValue ? (byte)1 : (byte)2;
        var prefix = major == 1 ? 10 : 12;
        var padded = (prefix + dict.Length + 1 + 63) / 64 * 64 - prefix;
        return Encoding.ASCII.GetBytes(dict.PadRight(padded - 1) + "\n");
    }
}
