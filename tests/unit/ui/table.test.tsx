import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableHead } from "@/components/ui/table";

describe("a table's head", () => {
  it("names every column with a column heading, in order, with each cell's own classes", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead
          className="head"
          rowClassName="row"
          columns={[
            { heading: "Student", className: "wide" },
            { heading: <em>State</em> },
          ]}
        />
      </table>,
    );
    expect(html).toBe('<table><thead class="head"><tr class="row"><th scope="col" class="wide">Student</th><th scope="col"><em>State</em></th></tr></thead></table>');
  });

  it("adds no class attribute the caller did not give", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead columns={[{ heading: "Only" }]} />
      </table>,
    );
    expect(html).toBe('<table><thead><tr><th scope="col">Only</th></tr></thead></table>');
  });
});
