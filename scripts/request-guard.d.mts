// Types for scripts/request-guard.mjs (plain JavaScript, run by the server's entry process).
import type { IncomingMessage, ServerResponse } from "node:http";

export function trustedProxyHops(value?: string): number;
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
export function originFormTarget(url: string): string | null;
export function hasWellFormedPath(url: string | undefined): boolean;
export const ACTION_BODY_LIMIT: number;
export function isDecodableActionBody(contentType: string | undefined, body: Buffer, isFetchAction: boolean): Promise<boolean>;
export function hasForeignOrigin(headers: Record<string, string | string[] | undefined>): boolean;
export function guardRequest(request: IncomingMessage, response: ServerResponse, hops: number): Promise<IncomingMessage | null>;
