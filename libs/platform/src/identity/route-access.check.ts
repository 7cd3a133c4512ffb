import { Injectable, OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { routeAccess } from '@ws/kernel';

/**
 * Deny by default: every HTTP route says who may call it (@Roles(...) or @Public()). A route that
 * says neither stops the service at start-up, naming it, instead of being open or shut by accident.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (routeAccess(this.reflector, [handler, metatype]) === undefined) undeclared.push(`${metatype.name}.${name}`);
      }
    }
    if (undeclared.length > 0) {
      throw new Error(`routes without @Roles(...) or @Public() (deny by default): ${undeclared.join(', ')}`);
    }
  }
}
