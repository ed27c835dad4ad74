// Cloud functions run in UTC; tests must too, so time bugs show up here and not in production.
process.env.TZ = 'UTC';
