/**
 * DRS post-launch actions on a source server: PutLaunchAction (insert or replace by actionId),
 * ListLaunchActions, DeleteLaunchAction. Input shapes are validated against the model before these
 * run (drs.ts); how a run of an API-put action ends comes from the scenario's `ssm.launchActions`.
 */
import { launchActionView } from './drs-views.js';
import type { ScenarioLaunchAction } from './scenario.js';
import type { EmulatorState, ServerRecord } from './state.js';

type Input = Record<string, unknown>;

/** DRS's documented limit of post-launch actions per resource (drs-facts.md §5.4). */
const MAX_ACTIONS_PER_RESOURCE = 200;

export interface LaunchActionErrors {
  notFound(resourceType: string, resourceId: string): Error;
  quota(message: string): Error;
}

function serverOf(state: EmulatorState, input: Input, errors: LaunchActionErrors): ServerRecord {
  const id = input.resourceId as string;
  const server = state.servers.get(id);
  // Launch configuration templates (lct-…) are not emulated: only source servers hold actions here.
  if (!server)
    throw errors.notFound(id.startsWith('lct-') ? 'LAUNCH_CONFIGURATION_TEMPLATE' : 'SOURCE_SERVER', id);
  return server;
}

/** The scripted end of a run of this action: the first matching `ssm.launchActions` rule, else success. */
function scriptedResult(
  state: EmulatorState,
  sourceServerID: string,
  name: string,
  actionCode: string,
): Pick<ScenarioLaunchAction, 'result' | 'failureReason' | 'seconds'> {
  const rule = (state.scenario.ssm?.launchActions ?? []).find(
    (r) =>
      (r.server === undefined || r.server === sourceServerID) &&
      (r.name === undefined || r.name === name) &&
      (r.actionCode === undefined || r.actionCode === actionCode),
  );
  if (!rule) return { result: 'SUCCEEDED', seconds: 60 };
  return {
    result: rule.result,
    ...(rule.failureReason !== undefined ? { failureReason: rule.failureReason } : {}),
    seconds: rule.seconds,
  };
}

function actionFromInput(state: EmulatorState, server: ServerRecord, input: Input): ScenarioLaunchAction {
  const name = input.name as string;
  const actionCode = input.actionCode as string;
  // Documents named AWS-…RunAutomation style are not told apart here: DRS derives the type from the
  // document; the emulator treats AWS-owned Automation runbooks by their `AWSEC2-`/`AWS-` prefix as commands.
  return {
    actionId: input.actionId as string,
    name,
    actionCode,
    type: 'SSM_COMMAND',
    order: input.order as number,
    optional: input.optional as boolean,
    category: input.category as ScenarioLaunchAction['category'],
    description: input.description as string,
    parameters: (input.parameters as ScenarioLaunchAction['parameters']) ?? {},
    ...scriptedResult(state, server.scenario.sourceServerID, name, actionCode),
  };
}

export function launchActionOperations(errors: LaunchActionErrors) {
  return {
    PutLaunchAction(state: EmulatorState, input: Input) {
      const server = serverOf(state, input, errors);
      const action = actionFromInput(state, server, input);
      const index = server.launchActions.findIndex((a) => a.actionId === action.actionId);
      if (index >= 0) server.launchActions[index] = action;
      else if (server.launchActions.length >= MAX_ACTIONS_PER_RESOURCE)
        throw errors.quota(`Cannot have more than ${MAX_ACTIONS_PER_RESOURCE} launch actions per resource`);
      else server.launchActions.push(action);
      return { resourceId: server.scenario.sourceServerID, ...launchActionView(action) };
    },

    ListLaunchActions(state: EmulatorState, input: Input) {
      const server = serverOf(state, input, errors);
      const wanted = (input.filters as { actionIds?: string[] } | undefined)?.actionIds;
      const items = server.launchActions
        .filter((a) => !wanted?.length || wanted.includes(a.actionId))
        .map(launchActionView);
      return { items };
    },

    DeleteLaunchAction(state: EmulatorState, input: Input) {
      const server = serverOf(state, input, errors);
      const index = server.launchActions.findIndex((a) => a.actionId === input.actionId);
      if (index < 0) throw errors.notFound('LAUNCH_ACTION', input.actionId as string);
      server.launchActions.splice(index, 1);
      return undefined;
    },
  };
}
