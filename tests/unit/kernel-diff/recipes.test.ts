/** The kernel differential test runs every "Run it yourself" box, with its commands exactly as shown. */
import { describe, expect, it } from "vitest";
import { CAPTURE_SAMPLES } from "@/domain/simulator/capture-samples";
import { RUN_IT_YOURSELF, shellCommands } from "@/domain/simulator/run-it-yourself";
import { recipeSpecs } from "../../kernel/recipes";

describe("recipeSpecs", () => {
  it("leave nothing out: one recording per box, for every capture the course shows", () => {
    expect(recipeSpecs().map((spec) => spec.sample).sort()).toEqual(CAPTURE_SAMPLES.map((sample) => sample.id).sort());
  });

  it("runs the program and the commands a reader sees, unchanged", () => {
    for (const recipe of RUN_IT_YOURSELF) {
      const spec = recipeSpecs().find((candidate) => candidate.sample === recipe.sample);
      expect(spec).toEqual({ sample: recipe.sample, program: recipe.program, commands: shellCommands(recipe), seconds: recipe.seconds });
    }
  });
});
