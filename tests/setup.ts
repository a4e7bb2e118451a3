import 'reflect-metadata';

// Entities pick column types from DATABASE_URL when first imported: set it before any import of src/.
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
else delete process.env.DATABASE_URL;
