import { SetMetadata } from '@nestjs/common';
import type { Role } from '../common/request-context';

export const PUBLIC_ROUTE = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** No token needed (health, metrics probes, documentation). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Roles that may call the route; without it only the secretariat may. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Readable by every authenticated role. */
export const ReadAccess = () => AllowRoles('secretariat', 'member');
