namespace Rebel.Preference.Fitting;

/// <summary>Strongly connected components of a directed graph (Kosaraju's two passes, with explicit stacks so that long paths cannot overflow the call stack).</summary>
internal static class StrongComponents
{
    /// <summary>The component number of every vertex, given the out-edges <paramref name="forward"/> and the in-edges <paramref name="backward"/>.</summary>
    public static int[] Of(List<int>[] forward, List<int>[] backward)
    {
        int n = forward.Length;
        var order = new List<int>(n);
        var seen = new bool[n];
        for (int s = 0; s < n; s++)
        {
            if (seen[s])
                continue;
            // Post-order of a depth-first search with an explicit stack of (vertex, next edge).
            var stack = new Stack<(int Vertex, int Edge)>();
            stack.Push((s, 0));
            seen[s] = true;
            while (stack.Count > 0)
            {
                var (v, e) = stack.Pop();
                if (e < forward[v].Count)
                {
                    stack.Push((v, e + 1));
                    int w = forward[v][e];
                    if (!seen[w])
                    {
                        seen[w] = true;
                        stack.Push((w, 0));
                    }
                }
                else
                {
                    order.Add(v);
                }
            }
        }
        var component = Enumerable.Repeat(-1, n).ToArray();
        int count = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            int root = order[i];
            if (component[root] >= 0)
                continue;
            var stack = new Stack<int>();
            stack.Push(root);
            component[root] = count;
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                foreach (int w in backward[v])
                {
                    if (component[w] < 0)
                    {
                        component[w] = count;
                        stack.Push(w);
                    }
                }
            }
            count++;
        }
        return component;
    }
}
