/** The node's console (工作台): a public client (no secret) signing in with authorization code + PKCE. */
export const CONSOLE_CLIENT_ID = 'console';
/** The resource every officer API is: tokens for it carry aud `waystation`. */
export const API_RESOURCE = 'urn:waystation:api';
export const API_SCOPE = 'officer';

export function consoleClient(publicOrigin: string) {
  return {
    client_id: CONSOLE_CLIENT_ID,
    client_name: '工会驿站工作台',
    token_endpoint_auth_method: 'none' as const,
    application_type: 'web' as const,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    redirect_uris: [`${publicOrigin}/console/callback`],
    post_logout_redirect_uris: [`${publicOrigin}/console/`],
    id_token_signed_response_alg: 'EdDSA' as const,
  };
}
