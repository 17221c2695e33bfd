ALTER TABLE vet_specialties RENAME COLUMN specialty_id TO speciality_id;
