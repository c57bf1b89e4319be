import { describe, expect, it } from "vitest";
import { readCaptureBody, sameOriginUpload } from "@/lib/capture-challenges/request.server";
import { UPLOAD_LIMITS } from "@/lib/capture-challenges/upload.server";

/** The upload route refuses cross-site uploads and stops reading a body at the size limit. */
const URL_ = "http://localhost:3000/api/capture-challenges/capture-half-close";

function post(headers: Record<string, string>, body: BodyInit | null = new Uint8Array([1, 2, 3])) {
  return new Request(URL_, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

describe("sameOriginUpload", () => {
  it("accepts the page's own fetch of a binary body", () => {
    expect(sameOriginUpload(post({ "content-type": "application/octet-stream", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("refuses another site, by Origin or by Sec-Fetch-Site", () => {
    expect(sameOriginUpload(post({ "content-type": "application/octet-stream", origin: "https://evil.example" }))).toMatch(/this site's pages only/);
    expect(sameOriginUpload(post({ "content-type": "application/octet-stream", "sec-fetch-site": "cross-site" }))).toMatch(/this site's pages only/);
  });

  it("refuses a form post, which a cross-site page could send without asking", () => {
    expect(sameOriginUpload(post({ "content-type": "multipart/form-data; boundary=x", "sec-fetch-site": "same-origin" }))).toMatch(/octet-stream/);
    expect(sameOriginUpload(post({ "content-type": "text/plain" }))).toMatch(/octet-stream/);
  });
});

describe("readCaptureBody", () => {
  it("reads a body within the limit", async () => {
    expect(await readCaptureBody(post({}, new Uint8Array([7, 8, 9])))).toEqual(new Uint8Array([7, 8, 9]));
  });

  it("refuses a declared length over the limit without reading", async () => {
    expect(await readCaptureBody(post({ "content-length": String(UPLOAD_LIMITS.maxBytes + 1) }))).toBe("too-large");
  });

  it("stops reading a streamed body at the limit whatever it declared", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1 << 20;
        controller.enqueue(new Uint8Array(1 << 20));
        if (sent > 100 << 20) controller.close();
      },
    });
    expect(await readCaptureBody(post({}, stream))).toBe("too-large");
    expect(sent).toBeLessThan(UPLOAD_LIMITS.maxBytes + (3 << 20));
  });
});
