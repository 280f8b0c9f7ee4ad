// History ⇄ proto3 JSON (the format `temporal workflow show --output json` and the Web UI's download use).
//
// @temporalio/common 1.24 offers historyToJSON / historyFromJSON, but in this install they throw "type must be a
// Type": npm keeps protobufjs 7 at the top level (for @grpc/proto-loader), so @temporalio/common and
// @temporalio/proto each get a nested copy of protobufjs 8, and common's protojson refuses the reflected types
// built by proto's copy. Worker.runReplayHistory fails the same way when handed JSON (its validateHistory calls
// historyFromJSON). So: use the SDK's functions where they work, else the same conversion with the protojson of
// the protobufjs copy @temporalio/proto itself uses — the SDK's code path with the matching copy.
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

let matching: { protojson: ProtoJson; historyType: unknown } | undefined;
function matchingProtojson(): NonNullable<typeof matching> {
  if (!matching) {
    const protoDir = path.dirname(require.resolve('@temporalio/proto'));
    const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
    const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root') as { patchProtobufRoot: (root: unknown) => { lookupType(name: string): unknown } };
    matching = { protojson, historyType: patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History') };
  }
  return matching;
}

function isCopyMismatch(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'type must be a Type';
}

export function historyToJson(history: History): string {
  try {
    return historyToJSON(history);
  } catch (err) {
    if (!isCopyMismatch(err)) throw err;
    const { protojson, historyType } = matchingProtojson();
    const message = proto.temporal.api.history.v1.History.fromObject(history);
    return JSON.stringify(protojson.toJson(historyType, message), null, 2);
  }
}

export function historyFromJson(json: unknown): History {
  try {
    return historyFromJSON(json);
  } catch (err) {
    if (!isCopyMismatch(err)) throw err;
    const { protojson, historyType } = matchingProtojson();
    // the SDK also ignores unknown fields (histories from a newer server)
    return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
  }
}
