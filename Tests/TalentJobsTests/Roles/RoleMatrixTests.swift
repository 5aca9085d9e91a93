import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The catalog of a freshly migrated database against `RoleMatrix`: every object has a decision, and the grants are
/// exactly the decision. A migration that adds a function, view or table fails here until the matrix covers it.
@Suite("Roles: the privilege matrix covers every object", .ownThread)
struct RoleMatrixTests {
    /// Schemas other than public and the system's own.
    static let userSchemas = """
        n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        """

    @Test("schemas, relations, sequences and functions grant exactly what RoleMatrix decides")
    func grantsMatchTheMatrix() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }

        let schemas = try Self.actual("""
            SELECT n.nspname AS object, r.rolname AS role,
                   concat(CASE WHEN has_schema_privilege(r.oid, n.oid, 'USAGE') THEN 'U' END,
                          CASE WHEN has_schema_privilege(r.oid, n.oid, 'CREATE') THEN 'C' END) AS privileges
              FROM pg_namespace n CROSS JOIN pg_roles r
             WHERE \(Self.userSchemas) AND r.rolname = ANY($1)
            """, on: connection)
        Self.compare(schemas, RoleMatrix.schemas, kind: "schema")

        let relations = try Self.actual("""
            SELECT n.nspname || '.' || c.relname AS object, r.rolname AS role,
                   concat(CASE WHEN has_any_column_privilege(r.oid, c.oid, 'SELECT') THEN 'r' END,
                          CASE WHEN has_any_column_privilege(r.oid, c.oid, 'INSERT') THEN 'a' END,
                          CASE WHEN has_any_column_privilege(r.oid, c.oid, 'UPDATE') THEN 'w' END,
                          CASE WHEN has_table_privilege(r.oid, c.oid, 'DELETE') THEN 'd' END,
                          CASE WHEN has_table_privilege(r.oid, c.oid, 'TRUNCATE') THEN 'D' END,
                          CASE WHEN has_any_column_privilege(r.oid, c.oid, 'REFERENCES') THEN 'x' END,
                          CASE WHEN has_table_privilege(r.oid, c.oid, 'TRIGGER') THEN 't' END) AS privileges
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN pg_roles r
             WHERE (\(Self.userSchemas) OR n.nspname = 'public') AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
               AND r.rolname = ANY($1)
            """, on: connection)
        // public holds only the migrations table, which is the owner's.
        Self.compare(relations, RoleMatrix.relations.merging(["public.schema_migrations": RoleMatrix.none]) { a, _ in a },
                     kind: "relation")

        let sequences = try Self.actual("""
            SELECT n.nspname || '.' || c.relname AS object, r.rolname AS role,
                   concat(CASE WHEN has_sequence_privilege(r.oid, c.oid, 'USAGE') THEN 'U' END,
                          CASE WHEN has_sequence_privilege(r.oid, c.oid, 'SELECT') THEN 'r' END,
                          CASE WHEN has_sequence_privilege(r.oid, c.oid, 'UPDATE') THEN 'w' END) AS privileges
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN pg_roles r
             WHERE (\(Self.userSchemas) OR n.nspname = 'public') AND c.relkind = 'S' AND r.rolname = ANY($1)
            """, on: connection)
        let sequenceDecisions = sequences.keys.reduce(into: RoleMatrix.sequences) { decisions, name in
            if decisions[name] == nil { decisions[name] = RoleMatrix.none }
        }
        Self.compare(sequences, sequenceDecisions, kind: "sequence")

        let functions = try Self.actual("""
            SELECT p.oid::regprocedure::text AS object, r.rolname AS role,
                   CASE WHEN has_function_privilege(r.oid, p.oid, 'EXECUTE') THEN 'X' ELSE '' END AS privileges
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace CROSS JOIN pg_roles r
             WHERE (\(Self.userSchemas) OR n.nspname = 'public') AND r.rolname = ANY($1)
            """, on: connection)
        Self.compare(functions, RoleMatrix.functions, kind: "function")
    }

    @Test("granted functions are SECURITY DEFINER with a pinned search_path; PUBLIC executes none")
    func functionsAreSafeToGrant() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let rows = try connection.execute("""
            SELECT p.oid::regprocedure::text AS function, p.prosecdef AS definer,
                   coalesce(array_to_string(p.proconfig, ';'), '') AS settings,
                   EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
                            WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public_execute,
                   EXISTS (SELECT 1 FROM pg_roles r
                            WHERE r.rolname = ANY($1) AND has_function_privilege(r.oid, p.oid, 'EXECUTE')) AS granted
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE \(Self.userSchemas)
             ORDER BY 1
            """, [RoleMatrix.roles], name: "test.function_security").rows
        #expect(rows.count == RoleMatrix.functions.count)
        for row in rows {
            let function = try row.decode("function", as: String.self)
            #expect(try row.decode("settings", as: String.self) == "search_path=pg_catalog, pg_temp",
                    "\(function) must SET search_path = pg_catalog, pg_temp (and qualify every name in its body)")
            #expect(try row.decode("public_execute", as: Bool.self) == false,
                    "\(function) is executable by PUBLIC: REVOKE EXECUTE … FROM PUBLIC")
            if try row.decode("granted", as: Bool.self), !RoleMatrix.invokerRights.contains(function) {
                #expect(try row.decode("definer", as: Bool.self),
                        "\(function) is granted to a group role but is not SECURITY DEFINER")
            }
        }
    }

    @Test("every view and function a group role may use is documented with COMMENT ON")
    func grantedObjectsAreDocumented() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let undocumented = try ReviewTestKit.snapshot("""
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE \(Self.userSchemas) AND c.relkind IN ('v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL
               AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = ANY($1)
                                                     AND has_table_privilege(r.oid, c.oid, 'SELECT'))
            UNION ALL
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE \(Self.userSchemas) AND obj_description(p.oid, 'pg_proc') IS NULL
               AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = ANY($1)
                                                     AND has_function_privilege(r.oid, p.oid, 'EXECUTE'))
            ORDER BY 1
            """, [RoleMatrix.roles], on: connection)
        #expect(undocumented.isEmpty, "granted but without COMMENT ON: \(undocumented)")
    }

    @Test("the group roles cannot log in and hold no role attributes or memberships")
    func groupRolesAreBare() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let roles = try connection.execute("""
            SELECT r.rolname,
                   r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls
                       OR r.rolreplication AS privileged,
                   (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
              FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname
            """, [RoleMatrix.roles], name: "test.group_roles").rows
        #expect(try roles.map { try $0.decode("rolname", as: String.self) } == RoleMatrix.roles.sorted())
        for role in roles {
            let name = try role.decode("rolname", as: String.self)
            #expect(try role.decode("privileged", as: Bool.self) == false, "\(name) has a role attribute")
            #expect(try role.decode("memberships", as: Int.self) == 0, "\(name) is a member of another role")
        }
    }

    /// object → role → privilege letters, from a query with columns object, role, privileges and `$1` the roles.
    static func actual(_ sql: String, on connection: Connection) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for row in try connection.execute(sql, [RoleMatrix.roles], name: "test.privileges").rows {
            result[try row.decode("object"), default: [:]][try row.decode("role")] = try row.decode("privileges")
        }
        return result
    }

    /// Records an issue for each object without a decision, each decision without an object, and each difference.
    static func compare(_ actual: [String: [String: String]], _ decided: [String: RoleMatrix.Access], kind: String) {
        for object in actual.keys.sorted() {
            guard let decision = decided[object] else {
                Issue.record("""
                    \(kind) \(object) has no decision in Tests/TalentJobsTests/Roles/RoleMatrix.swift: decide what \
                    talenta_worker, talenta_enqueuer, talenta_reader and talenta_hr_writer may do with it, grant that \
                    in a migration and list it (now: \(actual[object]!.sorted { $0.key < $1.key }))
                    """)
                continue
            }
            for role in RoleMatrix.roles {
                let have = actual[object]?[role] ?? ""
                #expect(have == decision.privileges(of: role),
                        "\(kind) \(object): \(role) holds \"\(have)\", the matrix decides \(decision)")
            }
        }
        for object in Set(decided.keys).subtracting(actual.keys).sorted() {
            Issue.record("RoleMatrix lists \(kind) \(object), which the migrated database does not have")
        }
    }
}
