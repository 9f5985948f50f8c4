/** The demo issuer's command-line client (apps/demo-issuer). */
const CLI_CLIENT = { id: 'intercity-cli', secret: 'intercity-demo-cli-secret' };
const DEMO_USER_GRANT = 'urn:intercity:params:oauth:grant-type:demo-user';

/** An access token for a demo person, from the demo issuer's token endpoint. */
export async function demoToken(issuer: string, email: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${CLI_CLIENT.id}:${CLI_CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: DEMO_USER_GRANT, email }),
  }).catch((e: Error) => {
    throw new Error(`the demo issuer is not reachable at ${issuer} (${e.message}); is the node running (npm start)?`);
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string; error?: string };
  if (!res.ok || !body.access_token) throw new Error(`no token for ${email}: ${body.error_description ?? body.error ?? res.status}`);
  return body.access_token;
}
