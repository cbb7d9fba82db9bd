import { randomUUID } from 'node:crypto';
import type {
  CreateAppInstanceCommandInput,
  CreateAppInstanceCommandOutput,
  CreateAppInstanceAdminCommandInput,
  CreateAppInstanceAdminCommandOutput,
  CreateAppInstanceUserCommandInput,
  CreateAppInstanceUserCommandOutput,
  DeleteAppInstanceCommandInput,
  DeleteAppInstanceCommandOutput,
  DeleteAppInstanceUserCommandInput,
  DeleteAppInstanceUserCommandOutput,
  DescribeAppInstanceCommandInput,
  DescribeAppInstanceCommandOutput,
  DescribeAppInstanceUserCommandInput,
  DescribeAppInstanceUserCommandOutput,
  ListAppInstanceAdminsCommandInput,
  ListAppInstanceAdminsCommandOutput,
  ListAppInstanceUsersCommandInput,
  ListAppInstanceUsersCommandOutput,
  ListAppInstancesCommandInput,
  ListAppInstancesCommandOutput,
} from '@aws-sdk/client-chime-sdk-identity';
import { ErrorShape, ServiceError } from '../errors.js';
import type { AppInstanceRecord, AppInstanceUserRecord } from '../state/types.js';
import type { OperationContext, OperationHandler } from '../operations/context.js';
import { compact, page, seconds } from '../operations/context.js';
import { identityOf } from './names.js';

function appInstanceOrThrow(ctx: OperationContext, arn: string): AppInstanceRecord {
  const found = ctx.store.app.appInstances.get(arn);
  if (!found) throw new ServiceError(ErrorShape.NotFound, `App instance ${arn} not found`);
  return found;
}

function userOrThrow(ctx: OperationContext, arn: string): AppInstanceUserRecord {
  const found = ctx.store.app.users.get(arn);
  if (!found) throw new ServiceError(ErrorShape.NotFound, `App instance user ${arn} not found`);
  return found;
}

export const createAppInstance: OperationHandler<CreateAppInstanceCommandInput, CreateAppInstanceCommandOutput> = (
  ctx,
) => {
  const { Name, Metadata, ClientRequestToken } = ctx.input;
  const tokenKey = `CreateAppInstance\n${ClientRequestToken}`;
  const existing = ctx.store.tokens.get(tokenKey);
  if (existing && ctx.store.app.appInstances.has(existing)) return { body: { AppInstanceArn: existing } };
  const record: AppInstanceRecord = compact({
    AppInstanceArn: `arn:aws:chime:${ctx.region}:${ctx.account}:app-instance/${randomUUID()}`,
    Name,
    Metadata,
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
  });
  ctx.store.app.putAppInstance(record);
  ctx.store.setToken(tokenKey, record.AppInstanceArn);
  return { body: { AppInstanceArn: record.AppInstanceArn } };
};

export const describeAppInstance: OperationHandler<
  DescribeAppInstanceCommandInput,
  DescribeAppInstanceCommandOutput
> = (ctx) => {
  const a = appInstanceOrThrow(ctx, ctx.input.AppInstanceArn);
  return {
    body: {
      AppInstance: compact({
        AppInstanceArn: a.AppInstanceArn,
        Name: a.Name,
        Metadata: a.Metadata,
        CreatedTimestamp: seconds(a.CreatedTimestamp),
        LastUpdatedTimestamp: seconds(a.LastUpdatedTimestamp),
      }),
    },
  };
};

export const listAppInstances: OperationHandler<ListAppInstancesCommandInput, ListAppInstancesCommandOutput> = (
  ctx,
) => {
  const { items, NextToken } = page(ctx, [...ctx.store.app.appInstances.values()]);
  return {
    body: compact({
      AppInstances: items.map((a) => compact({ AppInstanceArn: a.AppInstanceArn, Name: a.Name, Metadata: a.Metadata })),
      NextToken,
    }),
  };
};

export const deleteAppInstance: OperationHandler<DeleteAppInstanceCommandInput, DeleteAppInstanceCommandOutput> = (
  ctx,
) => {
  const a = appInstanceOrThrow(ctx, ctx.input.AppInstanceArn);
  ctx.store.app.deleteAppInstance(a.AppInstanceArn);
  return {};
};

export const createAppInstanceUser: OperationHandler<
  CreateAppInstanceUserCommandInput,
  CreateAppInstanceUserCommandOutput
> = (ctx) => {
  const { AppInstanceArn, AppInstanceUserId, Name, Metadata } = ctx.input;
  appInstanceOrThrow(ctx, AppInstanceArn);
  const arn = `${AppInstanceArn}/user/${AppInstanceUserId}`;
  if (ctx.store.app.users.has(arn))
    throw new ServiceError(ErrorShape.Conflict, `App instance user ${arn} already exists`);
  ctx.store.app.putUser(
    compact({
      AppInstanceUserArn: arn,
      AppInstanceArn,
      Name,
      Metadata,
      CreatedTimestamp: ctx.now,
      LastUpdatedTimestamp: ctx.now,
    }),
  );
  return { body: { AppInstanceUserArn: arn } };
};

export const describeAppInstanceUser: OperationHandler<
  DescribeAppInstanceUserCommandInput,
  DescribeAppInstanceUserCommandOutput
> = (ctx) => {
  const u = userOrThrow(ctx, ctx.input.AppInstanceUserArn);
  return {
    body: {
      AppInstanceUser: compact({
        AppInstanceUserArn: u.AppInstanceUserArn,
        Name: u.Name,
        Metadata: u.Metadata,
        CreatedTimestamp: seconds(u.CreatedTimestamp),
        LastUpdatedTimestamp: seconds(u.LastUpdatedTimestamp),
      }),
    },
  };
};

export const listAppInstanceUsers: OperationHandler<
  ListAppInstanceUsersCommandInput,
  ListAppInstanceUsersCommandOutput
> = (ctx) => {
  const { AppInstanceArn } = ctx.input;
  appInstanceOrThrow(ctx, AppInstanceArn);
  const all = [...ctx.store.app.users.values()].filter((u) => u.AppInstanceArn === AppInstanceArn);
  const { items, NextToken } = page(ctx, all);
  return {
    body: compact({
      AppInstanceArn,
      AppInstanceUsers: items.map((u) =>
        compact({ AppInstanceUserArn: u.AppInstanceUserArn, Name: u.Name, Metadata: u.Metadata }),
      ),
      NextToken,
    }),
  };
};

export const deleteAppInstanceUser: OperationHandler<
  DeleteAppInstanceUserCommandInput,
  DeleteAppInstanceUserCommandOutput
> = (ctx) => {
  const u = userOrThrow(ctx, ctx.input.AppInstanceUserArn);
  ctx.store.app.deleteUser(u.AppInstanceUserArn);
  return {};
};

export const createAppInstanceAdmin: OperationHandler<
  CreateAppInstanceAdminCommandInput,
  CreateAppInstanceAdminCommandOutput
> = (ctx) => {
  const { AppInstanceArn, AppInstanceAdminArn } = ctx.input;
  appInstanceOrThrow(ctx, AppInstanceArn);
  ctx.store.app.addAdmin({ AppInstanceArn, AdminArn: AppInstanceAdminArn, CreatedTimestamp: ctx.now });
  return { body: { AppInstanceArn, AppInstanceAdmin: identityOf(ctx.store, AppInstanceAdminArn) } };
};

export const listAppInstanceAdmins: OperationHandler<
  ListAppInstanceAdminsCommandInput,
  ListAppInstanceAdminsCommandOutput
> = (ctx) => {
  const { AppInstanceArn } = ctx.input;
  appInstanceOrThrow(ctx, AppInstanceArn);
  const { items, NextToken } = page(ctx, [...ctx.store.app.adminsOf(AppInstanceArn)]);
  return {
    body: compact({
      AppInstanceArn,
      AppInstanceAdmins: items.map((a) => ({ Admin: identityOf(ctx.store, a.AdminArn) })),
      NextToken,
    }),
  };
};
