import { SetMetadata } from '@nestjs/common';
import type { Role } from '../common/request-context';

export const PUBLIC_ROUTE = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';
/** Marks a web page route: it answers to the page session cookie, checked by the page guard. */
export const PAGE_ROUTE = 'auth:page';

/** No token and no session needed (health, metrics probes, documentation, sign-in, secret-link pages). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const ReadAccess = () => AllowRoles('secretariat', 'member');
