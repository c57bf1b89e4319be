/** What a scenario schedules: application calls on a host, and things that happen to the path. */
import type { HostId, SocketOption, SocketOptionValue } from "./types";

/** An application call at a given time. */
export type HostAction =
  | { at: number; host: HostId; do: "listen" | "connect" | "shutdown" | "close" | "abort" }
  | { at: number; host: HostId; do: "send"; bytes: number }
  /** recv(): everything buffered, or at most `bytes`. */
  | { at: number; host: HostId; do: "read"; bytes?: number }
  | { at: number; host: HostId; do: "setsockopt"; option: SocketOption; value: SocketOptionValue };

/** Lose a segment that is on the wire (by its id), as a learner clicking on it would. */
export interface DropAction {
  at: number;
  do: "drop";
  segment: number;
}

/** Cut the path between the hosts (both ways; what is on the wire is lost) or restore it. */
export interface LinkAction {
  at: number;
  do: "link";
  up: boolean;
}

export type Action = HostAction | DropAction | LinkAction;
