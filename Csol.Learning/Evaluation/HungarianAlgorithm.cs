namespace Csol.Learning.Evaluation;

/// <summary>Minimum-cost perfect assignment on a square cost matrix, O(n³) (Kuhn–Munkres with row and column
/// potentials and shortest augmenting paths). Replaces the reference's million random permutations (spec §4.2).</summary>
public static class HungarianAlgorithm
{
    /// <summary>Returns <c>columnOf[row]</c> minimising Σ cost[row, columnOf[row]].</summary>
    public static int[] Solve(double[,] cost)
    {
        var n = cost.GetLength(0);
        if (cost.GetLength(1) != n)
            throw new ArgumentException($"The cost matrix must be square, got {n}×{cost.GetLength(1)}.", nameof(cost));

        // 1-based arrays with index 0 as the virtual start column, the textbook formulation.
        var rowPotential = new double[n + 1];
        var columnPotential = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            var minSlack = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minSlack, double.PositiveInfinity);
            do
            {
                used[column] = true;
                int currentRow = rowOfColumn[column], nextColumn = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                        continue;
                    var slack = cost[currentRow - 1, j - 1] - rowPotential[currentRow] - columnPotential[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = column;
                    }
                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        nextColumn = j;
                    }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }
                column = nextColumn;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                var previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var columnOf = new int[n];
        for (var j = 1; j <= n; j++)
            columnOf[rowOfColumn[j] - 1] = j - 1;
        return columnOf;
    }
}
