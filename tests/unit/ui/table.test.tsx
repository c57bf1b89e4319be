import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableHead } from "@/components/ui/table";

describe("a table's head", () => {
  it("names every column with a column heading, in order, with the classes each position asks for", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead
          className="head"
          rowClassName="row"
          headings={["Student", <em key="state">State</em>]}
          cellClassName={(position) => (position === 0 ? "wide" : "")}
        />
      </table>,
    );
    expect(html).toBe('<table><thead class="head"><tr class="row"><th scope="col" class="wide">Student</th><th scope="col" class=""><em>State</em></th></tr></thead></table>');
  });

  it("gives every heading the same classes when given one string", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead headings={["A", "B"]} cellClassName="py-2" />
      </table>,
    );
    expect(html).toBe('<table><thead><tr><th scope="col" class="py-2">A</th><th scope="col" class="py-2">B</th></tr></thead></table>');
  });

  it("adds no class attribute the caller did not give", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead headings={["Only"]} />
      </table>,
    );
    expect(html).toBe('<table><thead><tr><th scope="col">Only</th></tr></thead></table>');
  });
});
