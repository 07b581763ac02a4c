using System.Globalization;
using System.Text;
using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Silo.ExperimentResults.Export;

/// <summary>Renders a <see cref="ResultTable"/> in one of the <see cref="ExportFormats"/> (Csol.Abstractions, where the
/// dashboard and the CLI read the names): CSV, a LaTeX <c>tabular</c> or a Markdown table.</summary>
public static class ResultTableFormats
{
    public static string Render(ResultTable table, string format) => format switch
    {
        ExportFormats.Csv => ToCsv(table),
        ExportFormats.Latex => ToLatex(table),
        ExportFormats.Markdown => ToMarkdown(table),
        _ => throw new ArgumentException($"format: expected one of {string.Join(", ", ExportFormats.All)}, got '{format}'", nameof(format)),
    };

    /// <summary>Data for a spreadsheet: full precision, the std in a column of its own, no bold.</summary>
    public static string ToCsv(ResultTable table)
    {
        var header = new List<string> { table.RowHeading };
        if (table.Aggregated)
            header.Add("n");
        foreach (var column in table.Columns)
        {
            header.Add(column);
            if (table.Aggregated)
                header.Add($"{column}_std");
        }
        var text = new StringBuilder().Append(string.Join(',', header.Select(CsvField))).Append('\n');
        foreach (var row in table.Rows)
        {
            var fields = new List<string> { row.Label };
            if (table.Aggregated)
                fields.Add(row.Runs.ToString(CultureInfo.InvariantCulture));
            foreach (var column in table.Columns)
            {
                var cell = row.Cells.GetValueOrDefault(column);
                fields.Add(cell is null ? "" : Full(cell.Mean));
                if (table.Aggregated)
                    fields.Add(cell is null || double.IsNaN(cell.StandardDeviation) ? "" : Full(cell.StandardDeviation));
            }
            text.Append(string.Join(',', fields.Select(CsvField))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A plain <c>tabular</c> (no packages needed), the best value of each column in bold.</summary>
    public static string ToLatex(ResultTable table)
    {
        var text = new StringBuilder();
        text.Append(@"\begin{tabular}{l").Append(table.Aggregated ? "r" : "").Append(new string('r', table.Columns.Count)).Append("}\n\\hline\n");
        var header = new List<string> { LatexEscape(char.ToUpperInvariant(table.RowHeading[0]) + table.RowHeading[1..]) };
        if (table.Aggregated)
            header.Add("$n$");
        header.AddRange(table.Columns.Select(c => LatexEscape(ResultTable.Heading(c))));
        text.Append(string.Join(" & ", header)).Append(" \\\\\n\\hline\n");
        foreach (var row in table.Rows)
        {
            var cells = new List<string> { LatexEscape(row.Label) };
            if (table.Aggregated)
                cells.Add(row.Runs.ToString(CultureInfo.InvariantCulture));
            cells.AddRange(table.Columns.Select(c => Cell(table, row, c, " $\\pm$ ", "--", v => $"\\textbf{{{v}}}")));
            text.Append(string.Join(" & ", cells)).Append(" \\\\\n");
        }
        return text.Append("\\hline\n\\end{tabular}\n").ToString();
    }

    /// <summary>A GitHub-flavoured table, the best value of each column in bold.</summary>
    public static string ToMarkdown(ResultTable table)
    {
        var header = new List<string> { table.RowHeading };
        if (table.Aggregated)
            header.Add("n");
        header.AddRange(table.Columns.Select(ResultTable.Heading));
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        text.Append('|').Append(string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|"))).Append('\n');
        foreach (var row in table.Rows)
        {
            var cells = new List<string> { row.Label.Replace("|", "\\|", StringComparison.Ordinal) };
            if (table.Aggregated)
                cells.Add(row.Runs.ToString(CultureInfo.InvariantCulture));
            cells.AddRange(table.Columns.Select(c => Cell(table, row, c, " ± ", "–", v => $"**{v}**")));
            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Cell(ResultTable table, ResultRow row, string column, string plusMinus, string missing, Func<string, string> bold)
    {
        if (!row.Cells.TryGetValue(column, out var cell))
            return missing;
        var text = Short(cell.Mean);
        if (table.Aggregated && !double.IsNaN(cell.StandardDeviation))
            text += plusMinus + Short(cell.StandardDeviation);
        // Compared at the printed precision, so two rows that print the same best value are both bold.
        return table.Best(column) is { } best && Short(best) == Short(cell.Mean) ? bold(text) : text;
    }

    private static string Short(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Full(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string CsvField(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static string LatexEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => $"\\{c}",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
